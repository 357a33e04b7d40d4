/** A command that cannot do what it was asked (exit 2, the message shown as is). */
export class CommandError extends Error {}
