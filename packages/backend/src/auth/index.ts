// What the console's next-auth route handler and server components need.
export { getAuthOptions } from "./auth-options";
export { refuseLockedSignIn } from "./sign-in-guard";
export { clientInfo, type ClientInfo } from "./client-info";
