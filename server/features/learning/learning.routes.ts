import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import { complete, quiz, saveReflection } from './learning-actions.controller.js';
import { showLesson, showModule, showProgramme } from './learning.controller.js';

export const learningRouter = Router();

learningRouter.get('/learn', requireAuth, showProgramme);
learningRouter.get('/learn/:module', requireAuth, showModule);
learningRouter.get('/learn/:module/:lesson', requireAuth, showLesson);
learningRouter.post('/learn/:module/:lesson/complete', requireAuth, complete);
learningRouter.post('/learn/:module/:lesson/quiz', requireAuth, quiz);
learningRouter.post('/learn/:module/:lesson/reflections/:reflection', requireAuth, saveReflection);
