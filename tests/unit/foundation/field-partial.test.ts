import path from 'node:path';
import ejs from 'ejs';
import { VIEWS_DIR } from '../../../server/web/render.js';

function field(data: Record<string, unknown>): Promise<string> {
  return ejs.renderFile(path.join(VIEWS_DIR, 'partials', 'field.ejs'), {
    fieldErrors: {},
    values: {},
    ...data,
  });
}

describe('views/partials/field.ejs', () => {
  it('labels the input and shows back what the person typed, escaped', async () => {
    const html = await field({
      name: 'library',
      label: 'Library',
      required: true,
      values: { library: 'City Library "Sveti Sava" <b>' },
    });
    expect(html).toContain('<label for="field-library">Library');
    expect(html).toContain('id="field-library" name="library"');
    expect(html).toContain('value="City Library &#34;Sveti Sava&#34; &lt;b&gt;"');
    expect(html).toContain(' required');
  });

  it('links the error message to the input', async () => {
    const html = await field({
      name: 'email',
      label: 'Email',
      type: 'email',
      hint: 'We send your invitation here.',
      fieldErrors: { email: 'Enter an email address like name@library.org.' },
    });
    expect(html).toContain('class="field field-invalid"');
    expect(html).toContain(
      '<p class="error-message" id="field-email-error">Enter an email address like name@library.org.</p>',
    );
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('aria-describedby="field-email-hint field-email-error"');
  });

  it('never shows a password back', async () => {
    const html = await field({
      name: 'password',
      label: 'Password',
      type: 'password',
      values: { password: 'hunter2hunter2' },
    });
    expect(html).not.toContain('hunter2');
    expect(html).toContain('value=""');
  });

  it('renders a select with the chosen option and checkboxes in a fieldset', async () => {
    const options = [
      { value: 'RS', label: 'Serbia' },
      { value: 'SI', label: 'Slovenia' },
    ];
    const select = await field({
      name: 'country',
      label: 'Country',
      type: 'select',
      options,
      values: { country: 'SI' },
    });
    expect(select).toContain('<option value="SI" selected>Slovenia</option>');
    expect(select).toContain('<option value="RS">Serbia</option>');
    const boxes = await field({
      name: 'countries',
      label: 'Countries',
      type: 'checkboxes',
      options,
      values: { countries: ['RS', 'SI'] },
    });
    expect(boxes).toContain('<legend>Countries');
    expect(boxes.match(/ checked/g)).toHaveLength(2);
    expect(boxes).toContain('<label for="field-countries-0">Serbia</label>');
  });

  it('renders a textarea with its value', async () => {
    const html = await field({
      name: 'bio',
      label: 'Short bio',
      type: 'textarea',
      value: 'I run the <maker> space.',
    });
    expect(html).toMatch(
      /<textarea id="field-bio" name="bio" rows="6"[^>]*>I run the &lt;maker&gt; space\.<\/textarea>/,
    );
  });
});
