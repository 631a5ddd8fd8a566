import type { Request, Response } from 'express';

/**
 * GET /: what the programme is, for visitors. Innovators go to their learning dashboard; other
 * roles get a starting page with the places their roles open.
 */
export function home(req: Request, res: Response): void {
  if (req.user) {
    if (req.user.roles.includes('innovator')) return res.redirect(303, '/dashboard');
    res.render('home/dashboard', { title: 'Home' });
    return;
  }
  res.render('home/index', { title: 'Atelier: training for library innovators' });
}
