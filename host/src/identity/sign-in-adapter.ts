import { checkPassword, DEFAULT_ACCOUNT_LIMIT, DEFAULT_ADDRESS_LIMIT, type LoginAttempt } from '../auth/index.js';
import { OPERATOR } from '../directory/index.js';
import type { SignInPorts } from '../oidc/sign-in-ports.js';
import type { SetupPorts } from '../oidc/setup-routes.js';
import type { IdentityStack } from './identity-stack.js';

/** The sign-in pages' view of the directory, the credential store and the throttle. */
export function signInPorts({ directory, credentials, throttle }: IdentityStack): SignInPorts {
  return {
    async activeUserByLogin(login) {
      const user = await directory.userByLogin(login);
      if (!user || user.status !== 'active') return null;
      // A user of a disabled tenant has no identity: treat them like a wrong password.
      if (!(await directory.identityForUser(user.id))) return null;
      return { id: user.id, tenantId: user.tenantId, name: user.name, login: user.login };
    },
    mfaRequired: async (tenantId) => (await directory.getTenant(OPERATOR, tenantId)).mfaRequired,
    // A missing user still costs one verification (against a dummy hash), so timing tells nothing.
    verifyPassword: (userId, password) => credentials.passwords.verify(userId ?? '', password),
    totpEnabled: (userId) => credentials.totp.isEnabled(userId),
    async verifySecondFactor(userId, code) {
      if (/^\d{6}$/.test(code)) return (await credentials.totp.verify(userId, code)) ? 'totp' : false;
      return (await credentials.recoveryCodes.use(userId, code)) ? 'recovery' : false;
    },
    async startEnrolment(user, issuer) {
      const { secret, qrCodeDataUrl } = await credentials.totp.startEnrolment(user.id, { issuer, login: user.login });
      return { secret, qrDataUrl: qrCodeDataUrl };
    },
    confirmEnrolment: (userId, code) => credentials.totp.confirmEnrolment(userId, code),
    newRecoveryCodes: (userId) => credentials.recoveryCodes.generate(userId),
    checkAllowed: (source) => throttle.checkAllowed(source),
    recordFailure: async (attempt) => {
      const { accountLocked, addressLocked } = await throttle.recordFailure(attempt as LoginAttempt);
      if (addressLocked) return DEFAULT_ADDRESS_LIMIT.lockSeconds;
      return accountLocked ? DEFAULT_ACCOUNT_LIMIT.lockSeconds : null;
    },
    recordSuccess: (attempt) => throttle.recordSuccess(attempt as LoginAttempt),
    release: (attempt) => throttle.release(attempt as LoginAttempt),
  };
}

/** The setup page's view: who the link is for, the password rules, and making the account usable. */
export function setupPorts({ directory, credentials }: IdentityStack): SetupPorts {
  return {
    async user(userId) {
      const user = await directory.getUser(OPERATOR, userId).catch(() => null);
      return user && user.status !== 'disabled' ? { login: user.login, name: user.name } : null;
    },
    checkPassword: (password, context) => checkPassword(password, context),
    setPassword: (userId, password) => credentials.passwords.set(userId, password),
    async activate(userId) {
      const user = await directory.getUser(OPERATOR, userId);
      if (user.status === 'invited') await directory.setUserStatus(OPERATOR, userId, 'active');
    },
  };
}
