// `node --import ./register-electron-stub.mjs main.js`: resolves `electron` to electron-stub.mjs.
import { register } from 'node:module';

register(
  'data:text/javascript,' + encodeURIComponent(`
    const stub = ${JSON.stringify(new URL('./electron-stub.mjs', import.meta.url).href)};
    export async function resolve(specifier, context, next) {
      return specifier === 'electron' ? { url: stub, shortCircuit: true } : next(specifier, context);
    }`),
  import.meta.url,
);
