import { defineMessages } from "./define";

// Training pages: sessions, calendar, attendance, hours, e-learning, nominations (app/routes/training.*).
export const trainingMessages = defineMessages({});
