/** Profile pages and photos. */
import { Router } from 'express';
import { requireAuth } from '../../web/guards.js';
import {
  deletePhoto,
  edit,
  photo,
  photoUpload,
  save,
  show,
  uploadPhoto,
} from './profile.controller.js';

export const profileRouter = Router();

profileRouter.get('/profile', requireAuth, edit);
profileRouter.post('/profile', requireAuth, save);
profileRouter.post('/profile/photo', requireAuth, photoUpload, uploadPhoto);
profileRouter.post('/profile/photo/remove', requireAuth, deletePhoto);
profileRouter.get('/people/:id', requireAuth, show);
profileRouter.get('/people/:id/photo', requireAuth, photo);
