"""Text analysis layer: the spaCy pipeline, attribution, certainty, quantities, time expressions,
names and the gazetteer. Modules here read article text and never import the comparison, review
or running layers."""
