import { createContext, useContext } from "react";

// The CSP nonce of the current response, from server/app.ts through entry.server.tsx.
// Browsers hide nonce attributes from scripts, so on the client it is empty by design.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
