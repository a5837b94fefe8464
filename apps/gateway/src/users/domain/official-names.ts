/** Someone named in an answer (a timeline's actor, a stage's decider), with whom they acted for as Plt/Plh. */
export interface NamedPerson {
  userId: string;
  username: string;
  displayName?: string;
  actingFor?: NamedPerson | null;
}

/** The user ids of the people and of those they acted for. */
export function userIdsOf(people: ReadonlyArray<NamedPerson | null | undefined>): string[] {
  const ids = new Set<string>();
  for (const person of people) {
    if (!person) continue;
    ids.add(person.userId);
    if (person.actingFor) ids.add(person.actingFor.userId);
  }
  return [...ids];
}

/** The person with their display name (and that of whom they acted for); the username when the name is unknown. */
export function withDisplayName<T extends NamedPerson>(person: T, names: ReadonlyMap<string, string>): T {
  return {
    ...person,
    displayName: names.get(person.userId) ?? person.username,
    ...(person.actingFor ? { actingFor: withDisplayName(person.actingFor, names) } : {}),
  };
}
