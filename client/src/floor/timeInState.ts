/**
 * Time-in-state colours as VICIdial's real-time report draws them: a state's colour darkens at
 * 10 s (on call, paused), 1 min and 5 min, so a long pause or a long wait stands out across a room.
 */
export type Presence = 'OFFLINE' | 'AVAILABLE' | 'ON_CALL' | 'WRAP_UP' | 'PAUSED';

export interface StateColour {
  /** A name from VICIdial's legend (lightblue, thistle, khaki, ...), used as the CSS class. */
  name: string;
  background: string;
  text: string;
}

const DARK = '#000000';
const LIGHT = '#ffffff';

const STEPS: Record<Exclude<Presence, 'OFFLINE'>, Array<{ from: number; colour: StateColour }>> = {
  AVAILABLE: [
    { from: 0, colour: { name: 'lightblue', background: '#add8e6', text: DARK } },
    { from: 60, colour: { name: 'blue', background: '#0000ff', text: LIGHT } },
    { from: 300, colour: { name: 'midnightblue', background: '#191970', text: LIGHT } },
  ],
  ON_CALL: [
    { from: 0, colour: { name: 'thistle', background: '#d8bfd8', text: DARK } },
    { from: 60, colour: { name: 'violet', background: '#ee82ee', text: DARK } },
    { from: 300, colour: { name: 'purple', background: '#800080', text: LIGHT } },
  ],
  // VICIdial shows disposition time (our wrap-up) and pauses alike.
  WRAP_UP: [
    { from: 0, colour: { name: 'khaki', background: '#f0e68c', text: DARK } },
    { from: 60, colour: { name: 'yellow', background: '#ffff00', text: DARK } },
    { from: 300, colour: { name: 'olive', background: '#808000', text: DARK } },
  ],
  PAUSED: [
    { from: 0, colour: { name: 'khaki', background: '#f0e68c', text: DARK } },
    { from: 60, colour: { name: 'yellow', background: '#ffff00', text: DARK } },
    { from: 300, colour: { name: 'olive', background: '#808000', text: DARK } },
  ],
};

const OFFLINE: StateColour = { name: 'offline', background: '#e4e7eb', text: '#1b1f24' };

export function stateColour(presence: Presence, secondsInState: number): StateColour {
  if (presence === 'OFFLINE') return OFFLINE;
  const steps = STEPS[presence];
  let colour = steps[0]!.colour;
  for (const step of steps) if (secondsInState >= step.from) colour = step.colour;
  return colour;
}
