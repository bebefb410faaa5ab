import { defineMessages } from "./define";

// Clipping pages: list, clipping, form, circulation (app/routes/clippings.*).
export const clippingsMessages = defineMessages({});
