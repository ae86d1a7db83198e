// Shapes of the identity API answers the pages use (kept in step with apps/server/src/identity/schemas.ts).
export interface SiteKey {
  imageId: string;
  imageUrl: string;
  imageAlt: string;
  phrase: string;
}

export type SecondFactorMethod = 'totp' | 'passkey' | 'recovery_code';
export type SetupItem = 'site_key' | 'challenge_questions' | 'second_factor';

export type SignInResult =
  | { status: 'second_factor_required'; methods: SecondFactorMethod[] }
  | { status: 'signed_in'; setupRequired: SetupItem[] };

export interface SessionInfo {
  signedIn: boolean;
  stage: 'partial' | 'full' | null;
  user: { id: string; username: string; displayName: string; role: string } | null;
  setupRequired: SetupItem[];
  idleTimeoutSeconds: number;
  expiresAt: string | null;
}

export interface AccountOverview {
  username: string;
  email: string;
  emailVerified: boolean;
  role: string;
  siteKey: SiteKey | null;
  challengeQuestionIds: string[];
  totpEnabled: boolean;
  passkeyCount: number;
  recoveryCodesLeft: number;
  passwordSet: boolean;
  selfServiceProfileChanges: boolean;
  secondFactorRequired: boolean;
  recentlyAuthenticated: boolean;
}

export interface ChallengeQuestion {
  id: string;
  text: string;
}

export interface SiteKeyImage {
  imageId: string;
  imageUrl: string;
  imageAlt: string;
}
