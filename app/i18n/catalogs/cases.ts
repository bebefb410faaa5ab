import { defineMessages } from "./define";

// Case pages: search, case, form, revisions (app/routes/cases.*).
export const casesMessages = defineMessages({});
