import { defineMessages } from "./define";

// Review-meeting pages: list, meeting, ballot, minutes (app/routes/committee.*).
export const committeeMessages = defineMessages({});
