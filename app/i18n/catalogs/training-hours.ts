import { defineMessages } from "./define";

// Learning-hours pages: my hours, e-learning, nominations, the roster and targets, the calendar feed.
export const trainingHoursMessages = defineMessages({});
