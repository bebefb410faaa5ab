// ASVS 2.1: at least 12 characters, no composition rules; shared by the forms and the server.
export const MIN_PASSWORD_LENGTH = 12;
