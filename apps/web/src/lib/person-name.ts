/** A person by the name the gateway knows them by ("Camat Mandau"), their username only when it knows none. */
export const nameOf = (person: { username: string; displayName?: string }) => person.displayName ?? person.username;
