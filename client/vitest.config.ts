import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Component and pure-logic tests in jsdom; the browser suite lives in test/e2e. */
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
