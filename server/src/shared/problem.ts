/** A rule a request breaks: what is wrong, and which argument to fix. Services turn it into BAD_USER_INPUT. */
export interface Problem {
  argument: string;
  message: string;
}

export const problem = (argument: string, message: string): Problem => ({ argument, message });
