// The editors' view of the help-center articles: one query (every article, drafts too) the pages share.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../../components/api/client';

export interface EditorArticle {
  slug: string;
  category: string;
  title: string;
  body: string;
  portalPath: string;
  portalLabel: string;
  published: boolean;
  updatedAt: string;
}

export const EDITOR_ARTICLES_KEY = ['help', 'editor', 'articles'] as const;

export const useEditorArticles = () =>
  useQuery({
    queryKey: EDITOR_ARTICLES_KEY,
    queryFn: () => getJson<{ articles: EditorArticle[] }>('/api/help/editor/articles'),
  });

export const EDITOR_PURPOSE = 'the help-center editor';
export const EDITOR_SIGN_IN = 'Only help-center editors can change the answers, so you need to be signed in.';
