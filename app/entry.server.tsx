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
