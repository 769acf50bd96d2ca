import { createDesktopApi } from '@taskomatic/shared/ipc';
import { createRoot } from 'react-dom/client';
import { installApi } from './api';
import { App } from './app';
import { webTransport } from './bridge/web-bridge';
import { installShortcutListener } from './lib/shortcuts';
import { startPushes } from './pushes';
import { useSatellitesStore } from './stores/satellites-store';
import './styles/app.css';

// In Electron the preload has set window.api; in the browser host the same api is built over HTTP.
installApi(window.api ?? createDesktopApi(webTransport()));
startPushes();
installShortcutListener();
void useSatellitesStore.getState().load();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(<App />);
