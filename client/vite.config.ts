import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server answers GraphQL (HTTP and WebSocket) on :4000; the dev server forwards to it so the
// app always talks to its own origin, as it does when the server serves client/dist.
const api = process.env['OPENFLOOR_API'] ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/graphql': { target: api, ws: true, changeOrigin: true },
    },
  },
});
