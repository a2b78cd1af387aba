// The doctor's facts for tests of what is made of them (the symptoms, the reports): nothing read,
// nothing probed but a TCP connection that worked; each test sets what it is about.
import type { DoctorFacts } from '../../../client/src/host/connectivity/doctor';

export function doctorFacts(over: Partial<DoctorFacts> = {}): DoctorFacts {
  return {
    route: { source: 'ip route', routes: [] },
    resolv: undefined,
    proxyVariables: [],
    tcp: { outcome: 'ok', durationMs: 12 },
    dns: undefined,
    internalDns: undefined,
    proxyProbe: undefined,
    windows: undefined,
    windowsNote: undefined,
    options: {},
    ...over,
  };
}
