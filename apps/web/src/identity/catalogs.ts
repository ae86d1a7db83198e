// The SiteKey pictures and challenge questions the forms offer (from the server, cached for the visit).
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../components/api/client';
import type { ChallengeQuestion, SiteKeyImage } from './types';

export function useSiteKeyImages() {
  return useQuery({
    queryKey: ['identity', 'catalog', 'site-key-images'],
    queryFn: async () => (await getJson<{ images: SiteKeyImage[] }>('/api/identity/site-key-images')).images,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useChallengeQuestions() {
  return useQuery({
    queryKey: ['identity', 'catalog', 'challenge-questions'],
    queryFn: async () =>
      (await getJson<{ questions: ChallengeQuestion[] }>('/api/identity/challenge-questions')).questions,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
