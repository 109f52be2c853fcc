// Must come first: zod 4 probes `new Function` when it builds object schemas, which the strict CSP forbids.
import './lib/zod-without-eval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import './styles/app.css';
import './styles/case-file.css';
import './styles/export-menu.css';
import './styles/ring-kinds.css';
import './styles/workbench-actions.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
