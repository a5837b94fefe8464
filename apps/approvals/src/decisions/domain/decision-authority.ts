import type { Actor } from '@alur/contracts';

export interface StageScope {
  role: string;
  /** The region at the stage's level (village, kecamatan or kabupaten code). */
  regionCode: string;
  villageCode: string;
}

export interface ActiveAppointment {
  forUserId: string;
  forUsername: string;
  role: string;
  regionCode: string;
}

/**
 * Who may decide a stage: its own official (same role, region = the stage's region at its level),
 * or someone acting for that official (Plt/Plh) by an appointment active now. Anyone else whose
 * region covers the proposal's village may know the stage exists, so a wrong role is `forbidden`
 * (403); to everyone else the stage is `hidden` (404).
 */
export type DecisionAuthority =
  { kind: 'own'; decidedBy: Actor } | { kind: 'acting'; decidedBy: Actor } | { kind: 'forbidden' } | { kind: 'hidden' };

/** Whether the actor is the stage's own official: then no appointment matters, and none need be read. */
export function isOwnOfficial(actor: Pick<Actor, 'role' | 'regionCode'>, stage: Pick<StageScope, 'role' | 'regionCode'>): boolean {
  return actor.role === stage.role && actor.regionCode === stage.regionCode;
}

export function decisionAuthority(
  actor: Actor,
  stage: StageScope,
  activeAppointments: readonly ActiveAppointment[],
  covers: (regionCode: string, villageCode: string) => boolean,
): DecisionAuthority {
  const principal = { userId: actor.userId, username: actor.username, role: actor.role, regionCode: actor.regionCode };
  if (isOwnOfficial(actor, stage)) return { kind: 'own', decidedBy: principal };
  const appointment = activeAppointments.find((a) => a.role === stage.role && a.regionCode === stage.regionCode);
  if (appointment) {
    return {
      kind: 'acting',
      decidedBy: {
        ...principal,
        actingFor: {
          userId: appointment.forUserId,
          username: appointment.forUsername,
          role: appointment.role,
          regionCode: appointment.regionCode,
        },
      },
    };
  }
  return covers(actor.regionCode, stage.villageCode) ? { kind: 'forbidden' } : { kind: 'hidden' };
}
