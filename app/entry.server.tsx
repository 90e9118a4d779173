import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "~/utils/nonce";

const ABORT_DELAY = 5_000;

/**
 * Remix's default Node entry (streaming for browsers, the whole document at once for bots), with
 * one addition: the request's CSP nonce from the load context goes to React (for the scripts it
 * writes while streaming), to RemixServer, and to root.tsx through NonceContext. Without it the
 * policy (script-src 'self' 'nonce-…', no 'unsafe-inline') would block Remix's own inline scripts.
 */
/**
 * The page's scripts as a `Link` header, so the browser starts fetching them with the response
 * headers. Remix writes the same list as `<link rel=modulepreload>` at the end of the body, which a
 * slow tablet reaches only after parsing the whole page: on the case page at a 4× slower CPU the
 * first script was requested about 450 ms after the HTML had arrived.
 */
function modulePreloads({ manifest, staticHandlerContext }: EntryContext): string {
  const files = [manifest.entry.module, ...manifest.entry.imports];
  for (const match of staticHandlerContext.matches) {
    const route = manifest.routes[match.route.id];
    if (route) files.push(route.module, ...(route.imports ?? []));
  }
  return [...new Set(files)].map((file) => `<${file}>; rel=modulepreload`).join(", ");
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Assigned below; React calls `ready` only once rendering has started, never synchronously.
    let pipe: (destination: NodeJS.WritableStream) => void = () => undefined;
    const ready = () => {
      shellRendered = true;
      const body = new PassThrough();
      const stream = createReadableStreamFromReadable(body);
      responseHeaders.set("Content-Type", "text/html");
      responseHeaders.append("Link", modulePreloads(remixContext));
      resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const rendering = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors inside the shell are logged by Remix's handleDocumentRequest when the shell fails.
          if (shellRendered) console.error(error);
        },
      },
    );
    pipe = rendering.pipe;
    setTimeout(rendering.abort, ABORT_DELAY);
  });
}
