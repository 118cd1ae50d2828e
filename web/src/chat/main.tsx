import { render } from 'preact';
import { currentLang, setLang } from '../shared/i18n';
import { ChatApp } from './ChatApp';

setLang(currentLang());
render(<ChatApp />, document.getElementById('app')!);
