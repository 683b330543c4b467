import { defineConfig } from 'vite';

// The bundle goes into this module's jar under META-INF/resources/admin: Quarkus serves it at /admin.
export default defineConfig({
  base: '/admin/',
  build: {
    outDir: 'target/classes/META-INF/resources/admin',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
});
