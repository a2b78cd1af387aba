// Gatekeepers for every value that ends up on a command line (netsh arguments, PowerShell
// script text, wsl.exe -d). They accept only the plain shapes we need and return the
// canonical text, so a caller cannot accidentally pass the unvalidated original along.

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
}

/** A TCP/UDP port: ASCII digits only (no sign, exponent, spaces), 1–65535. */
export function validatePort(input: unknown): Validation<number> {
  const text = typeof input === 'number' ? (Number.isInteger(input) ? String(input) : '') : input;
  if (typeof text !== 'string' || !/^[0-9]{1,5}$/.test(text)) {
    return { ok: false, error: `Not a port number: ${preview(input)} (expected digits 1-65535).` };
  }
  const port = Number(text);
  if (port < 1 || port > 65535) return { ok: false, error: `Port out of range: ${text} (expected 1-65535).` };
  return { ok: true, value: port };
}

/** Dotted-quad IPv4 without leading zeros (which some parsers read as octal). */
export function validateIPv4(input: unknown): Validation<string> {
  if (typeof input !== 'string' || !/^(?:0|[1-9][0-9]{0,2})(?:\.(?:0|[1-9][0-9]{0,2})){3}$/.test(input)) {
    return { ok: false, error: `Not an IPv4 address: ${preview(input)}.` };
  }
  if (input.split('.').some((octet) => Number(octet) > 255)) {
    return { ok: false, error: `Not an IPv4 address: ${preview(input)} (octet above 255).` };
  }
  return { ok: true, value: input };
}

/**
 * A distro name as WSL itself accepts for new registrations
 * (`LxssUserSessionImpl::s_ValidateDistroName`, src/windows/service/exe/LxssUserSession.cpp), minus a leading '-': such a
 * name would sit right after `-d` and could be taken for an option like `--shutdown`.
 */
export function validateDistroName(input: unknown): Validation<string> {
  if (typeof input !== 'string' || !/^[a-zA-Z0-9._-]{1,256}$/.test(input)) {
    return {
      ok: false,
      error: `Not a valid WSL distro name: ${preview(input)} (allowed: letters, digits, '.', '_', '-').`,
    };
  }
  if (input.startsWith('-'))
    return { ok: false, error: `Not a usable WSL distro name: ${preview(input)} (must not start with '-').` };
  return { ok: true, value: input };
}

export type Protocol = 'TCP' | 'UDP';
export function validateProtocol(input: unknown): Validation<Protocol> {
  if (typeof input === 'string' && /^(tcp|udp)$/i.test(input))
    return { ok: true, value: input.toUpperCase() as Protocol };
  return { ok: false, error: `Not a protocol: ${preview(input)} (expected TCP or UDP).` };
}

export type ProfileChoice = 'Private' | 'Public' | 'Domain' | 'Any';
export function validateProfile(input: unknown): Validation<ProfileChoice> {
  const known: readonly ProfileChoice[] = ['Private', 'Public', 'Domain', 'Any'];
  const found = known.find((name) => typeof input === 'string' && name.toLowerCase() === input.toLowerCase());
  return found ? { ok: true, value: found } : { ok: false, error: `Not a firewall profile: ${preview(input)}.` };
}

/** Returns the value or throws ValidationError; for builders that must not continue. */
export function required<T>(validation: Validation<T>): T {
  if (!validation.ok) throw new ValidationError(validation.error);
  return validation.value;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
