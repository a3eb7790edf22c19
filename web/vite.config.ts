/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `make web-dev` runs this dev server in front of Django: API calls go to the Django port.
const apiPort = process.env.ZT_API_PORT ?? '8000'

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.ZT_WEB_PORT ?? '5173'),
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}` },
    },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
  },
  test: {
    globals: true,
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    testTimeout: 20000,
  },
})
