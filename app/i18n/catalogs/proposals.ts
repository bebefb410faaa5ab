import { defineMessages } from "./define";

// Proposal pages: list, form, page, print (app/routes/proposals.*).
export const proposalsMessages = defineMessages({});
