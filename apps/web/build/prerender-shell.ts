// Puts the app shell's HTML (src/app/shell-prerender.tsx) into the built index.html's #root, so the page frame
// paints while the page's own chunk is still downloading instead of after it. The shell is rendered by the app's
// own components, loaded through a short-lived Vite SSR server, so the HTML cannot drift from what the app
// renders.
import { createServer, type Plugin } from 'vite';

const ROOT = '<div id="root"></div>';

export function prerenderShell(): Plugin {
  let root = '';
  return {
    name: 'openpbm-prerender-shell',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async transformIndexHtml(html) {
      if (!html.includes(ROOT)) throw new Error(`index.html has no empty ${ROOT} to prerender into`);
      return html.replace(ROOT, `<div id="root">${await renderShell(root)}</div>`);
    },
  };
}

async function renderShell(root: string): Promise<string> {
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    // Its ESM build imports directories, which Node's own loader refuses; Vite resolves them.
    ssr: { noExternal: ['@cmsgov/design-system'] },
  });
  try {
    const { renderShellHtml } = (await server.ssrLoadModule('/src/app/shell-prerender.tsx')) as {
      renderShellHtml: () => Promise<string>;
    };
    return await renderShellHtml();
  } finally {
    await server.close();
  }
}
