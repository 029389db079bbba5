import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApolloProvider } from '@apollo/client/react';
import { createApolloClient } from './apollo';
import { App } from './App';
import { LocaleProvider } from './i18n/locale';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={createApolloClient()}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </ApolloProvider>
  </StrictMode>,
);
