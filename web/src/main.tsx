import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import App from './App';
import { session } from './api/client';
import { createQueryClient } from './api/queryClient';
import './styles.scss';

const queryClient = createQueryClient();

// Whatever ends a session (sign-out, expiry, a refused refresh), nothing
// loaded for that user may stay in memory for the next.
session.subscribe(() => {
  if (session.getSnapshot().status === 'signed-out') queryClient.clear();
});
void session.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
