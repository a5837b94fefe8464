// The gateway's own identity routes (login, users): no service behind them, so no NATS pattern; the
// gateway validates with these schemas and the console types its calls from them.
export * from './user-view.schema';
export * from './log-in.request';
export * from './create-user.request';
export * from './update-user.request';
export * from './list-users.request';
export * from './change-password.request';
