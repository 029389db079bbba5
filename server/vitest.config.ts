import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [swc.vite({ jsc: { transform: { decoratorMetadata: true, legacyDecorator: true } } })],
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
  },
});
