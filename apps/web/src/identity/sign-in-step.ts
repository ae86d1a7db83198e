// The password and code steps of sign-in post the same way: on failure the secret is emptied (a used or wrong
// code, a wrong password, is typed again) and the server's reason goes to the form's error summary.
import { postJson } from '../components/api/client';
import type { SignInResult } from './types';

export async function postSignInStep(url: string, body: object, clear: () => void): Promise<SignInResult> {
  try {
    return await postJson<SignInResult>(url, body);
  } catch (err) {
    clear();
    throw err;
  }
}
