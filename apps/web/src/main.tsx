import '@cmsgov/design-system/css/index.css';
import '@cmsgov/design-system/css/core-theme.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { App } from './app/App';
import { mountApp } from './app/mount';
import { registerServiceWorker } from './app/service-worker';
import { router } from './routes/router';

const container = document.getElementById('root');
if (!container) throw new Error('index.html is missing the #root element');

// index.html already shows the shell (app/shell-prerender.tsx), painted while the page's chunk downloads. The
// first render waits for that chunk, so shell and page render together over the HTML, its elements reused,
// instead of an empty root and a loading state first. A failed load still renders: the router shows its error.
void router
  .load()
  .catch(() => undefined)
  .finally(() =>
    mountApp(
      container,
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );

registerServiceWorker();
