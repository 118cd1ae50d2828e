import { render } from 'preact';
import { currentLang, setLang } from '../shared/i18n';
import { AdminApp } from './AdminApp';

setLang(currentLang());
render(<AdminApp />, document.getElementById('app')!);
