"""Search across English and Vietnamese: one table of folded text and glossary concepts per record.

This package sits below the domains and imports none: each domain registers how to read its records'
searchable text (`index.register`), the glossary registers where its staff pairs come from
(`index.use_glossary`), and every catalogue filters its own query by `query.Search.clause`, so its
visibility rules stay its own.
"""
