import { defineMessages } from "./define";

// Survey pages: list, round, questionnaire, results (app/routes/surveys.*).
export const surveysMessages = defineMessages({});
