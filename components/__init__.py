"""Custom Rasa components, loaded by every Rasa process that serves or tests the model.

Importing the package also installs the prepared action-reply validator (see
``components.action_validation``): replies are checked without re-checking the schema.
"""

from components.action_validation import install

install()
