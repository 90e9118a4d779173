import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the current response. The server makes a fresh one for every
 * request (server/app.ts) and app/entry.server.tsx provides it here, so root.tsx can put it on the
 * inline scripts Remix writes. In the browser there is no provider and the hook answers "": by then
 * the scripts have run, and browsers hide a nonce from the DOM anyway.
 */
export const NonceContext = createContext("");

export const useNonce = () => useContext(NonceContext);
