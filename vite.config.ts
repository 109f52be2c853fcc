import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The client lives in client/ and builds to dist/client, which Express serves at `/`.
// `npm run dev` runs this with HMR and proxies /api to the Express server.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The client imports the shared API contracts (contracts/) as @contracts/…; nothing else outside client/.
  resolve: { alias: { '@contracts': fileURLToPath(new URL('./contracts', import.meta.url)) } },
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // Libraries in chunks of their own, apart from the app's code: a new version of RingLens changes the app chunk,
    // and browsers keep the libraries they already have. The graph library (~450 kB minified) and its layout apart.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'graph', test: /[\\/]node_modules[\\/]cytoscape[\\/]/ },
            { name: 'graph-layout', test: /[\\/]node_modules[\\/](cytoscape-fcose|cose-base|layout-base)[\\/]/ },
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'vendor', test: /[\\/]node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
});
