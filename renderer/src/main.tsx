import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { ApiProvider, defaultBridge } from './lib/api-context.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider bridge={defaultBridge()}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
