import { defineCollection, reference, z } from 'astro:content';
import { glob } from 'astro/loaders';
import { notesSchema } from './notes-schema';

// a function the reader does not follow: `seo` is not checked
function seoFields() {
  return z.string().optional();
}

const blog = defineCollection({
  loader: glob({ base: './src/content/blog', pattern: '**/*.md' }),
  schema: ({ image }) =>
    z.object({
      title: z.string(),
      pubDate: z.date(),
      updatedDate: z.coerce.date().optional(),
      heroImage: z.optional(image()),
      draft: z.boolean().default(false),
      tags: z.array(z.string()).optional(),
      kind: z.enum(['post', 'note']),
      rating: z.number().int().min(0).nullable().optional(),
      author: reference('authors').optional(),
      seo: seoFields(),
    }),
});

// a schema from elsewhere: not read, said once
const notes = defineCollection({
  loader: glob({ base: './src/content/notes', pattern: '**/*.md' }),
  schema: notesSchema,
});

export const collections = { blog, notes };
