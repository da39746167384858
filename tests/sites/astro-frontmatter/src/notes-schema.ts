import { z } from 'astro:content';

export const notesSchema = z.object({ title: z.string() });
