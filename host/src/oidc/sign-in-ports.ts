/**
 * What the sign-in pages need from the directory and the credential store, kept narrow so the
 * pages do not depend on how either is built.
 */
export interface SignInUser {
  id: string;
  tenantId: string;
  name: string;
  login: string;
}

/** An attempt in progress, as the throttle tracks it. */
export type SignInAttempt = { readonly login: string; readonly ip: string };

export interface SignInPorts {
  /** An active user of an active tenant, by login (any case), or null. */
  activeUserByLogin(login: string): Promise<SignInUser | null>;
  mfaRequired(tenantId: string): Promise<boolean>;
  /** Checks the password; spends the same time when there is no such user, so timing reveals nothing. */
  verifyPassword(userId: string | null, password: string): Promise<boolean>;
  totpEnabled(userId: string): Promise<boolean>;
  /** A current TOTP code, or one of the user's recovery codes (used up by this). */
  verifySecondFactor(userId: string, code: string): Promise<'totp' | 'recovery' | false>;
  startEnrolment(user: SignInUser, issuer: string): Promise<{ secret: string; qrDataUrl: string }>;
  confirmEnrolment(userId: string, code: string): Promise<boolean>;
  newRecoveryCodes(userId: string): Promise<string[]>;
  /**
   * Starts an attempt: throws a 429 ApiError with the retry time while the account or the address
   * is locked out. Every attempt ends in exactly one of the three calls below.
   */
  checkAllowed(source: { login: string; ip: string }): Promise<SignInAttempt>;
  /** Counts a failure; when it locks the account or the address, says for how many seconds. */
  recordFailure(attempt: SignInAttempt): Promise<number | null>;
  recordSuccess(attempt: SignInAttempt): Promise<void>;
  /** Neither failure nor success: the password passed and the second step comes next. */
  release(attempt: SignInAttempt): Promise<void>;
}
