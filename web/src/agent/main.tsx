import { render } from 'preact';
import { currentLang, setLang } from '../shared/i18n';
import { AgentApp } from './AgentApp';

setLang(currentLang());
render(<AgentApp />, document.getElementById('app')!);
