import { describe, expect, test } from 'vitest';
import { activeMention, insertMention, mentionedIds, splitMentions } from './mentionModel';

const anna = { id: 'a', name: 'Анна Семенова' };
const annaShort = { id: 'b', name: 'Анна' };

describe('mentions', () => {
  test('the word after "@" at the caret is a mention being typed; an email is not', () => {
    expect(activeMention('Привет @Сем', 11)).toEqual({ start: 7, query: 'Сем' });
    expect(activeMention('@', 1)).toEqual({ start: 0, query: '' });
    expect(activeMention('пишите на a@b.ru', 16)).toBeNull();
    expect(activeMention('без упоминаний', 5)).toBeNull();
    expect(activeMention('@Анна\nдалее', 11)).toBeNull();
  });

  test('a picked name replaces what was typed, the caret goes after it', () => {
    expect(insertMention('Привет @Сем, как дела', 7, 11, anna.name)).toEqual({ text: 'Привет @Анна Семенова , как дела', caret: 22 });
  });

  test('only names still in the text are sent as mentions', () => {
    expect(mentionedIds('@Анна Семенова посмотрите', [anna, { id: 'x', name: 'Борис' }])).toEqual(['a']);
  });

  test('a comment splits into text and mentions, the longer name winning', () => {
    expect(splitMentions('Коллеги, @Анна Семенова и @Анна — готово', [annaShort, anna])).toEqual([
      { text: 'Коллеги, ' },
      { text: '@Анна Семенова', user: anna },
      { text: ' и ' },
      { text: '@Анна', user: annaShort },
      { text: ' — готово' },
    ]);
    expect(splitMentions('просто текст', [])).toEqual([{ text: 'просто текст' }]);
  });
});
