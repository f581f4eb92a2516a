"""The photo form of the media library (issue 4): a checked upload, focal point, crop boxes."""

from django import forms

from ..cleaning import CleanTextForm
from ..models import CaptionedImage
from ..photos import renditions, uploads


class CropBoxField(forms.CharField):
    """“x, y, width, height” in pixels of the upright original, or empty for the focal point."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            box = [
                int(part) for part in value.replace("×", ",").replace(" ", ",").split(",") if part
            ]
        except ValueError:
            box = []
        if len(box) != 4 or box[0] < 0 or box[1] < 0 or box[2] < 1 or box[3] < 1:
            raise forms.ValidationError(
                "Give four whole numbers of pixels: x, y, width, height (e.g. 0, 120, 1600, 900)."
            )
        return box

    @classmethod
    def for_crop(cls, name):
        return cls(
            label=f"{renditions.CROPS[name].label} crop box",
            required=False,
            help_text="x, y, width, height in pixels of the original. "
            "Empty: cropped around the focal point.",
        )


class CaptionedImageForm(CleanTextForm, forms.ModelForm):
    """The photo form: a checked upload, the focal point, and crop boxes set by hand if need be.
    Its text is checked as saved (articles/cleaning.py): alt text of control characters is none."""

    image = uploads.PhotoField(
        label="Photo file", help_text=CaptionedImage._meta.get_field("image").help_text
    )
    wide_box = CropBoxField.for_crop("wide")
    square_box = CropBoxField.for_crop("square")
    social_box = CropBoxField.for_crop("social")

    class Meta:
        model = CaptionedImage
        fields = ["image", "alt_text", "caption", "credit", "do_not_reuse", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": "0", "max": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, box in self.instance.crop_boxes.items():
            self.initial[f"{name}_box"] = ", ".join(str(number) for number in box)

        # Left empty, the focal point stays where it was (the centre for a new photo). A viewer
        # without the change permission gets the form without these fields (issue 7: was a 500).
        for name in ("focal_x", "focal_y"):
            if name in self.fields:
                self.fields[name].required = False

    def clean_focal_x(self):
        value = self.cleaned_data["focal_x"]
        return self.instance.focal_x if value is None else value

    def clean_focal_y(self):
        value = self.cleaned_data["focal_y"]
        return self.instance.focal_y if value is None else value

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("image")
        facts = getattr(upload, "photo_facts", None)
        width, height = (facts.width, facts.height) if facts else self.instance_size()
        for name in renditions.EDITABLE_CROPS:
            box = cleaned.get(f"{name}_box")
            if box and width:
                self.check_box(name, box, width, height)
        return cleaned

    def instance_size(self):
        return self.instance.width, self.instance.height

    def check_box(self, name, box, width, height):
        crop = renditions.CROPS[name]
        x, y, box_width, box_height = box
        field = f"{name}_box"
        if x + box_width > width or y + box_height > height:
            self.add_error(field, f"The box goes past the edge of the photo ({width} × {height}).")
        elif abs(box_width / box_height - crop.ratio) > crop.ratio * 0.01:
            fitting = round(box_width / crop.ratio)
            self.add_error(
                field,
                f"A {crop.label} box {box_width} pixels wide is {fitting} pixels high.",
            )

    def save(self, commit=True):
        self.instance.crop_boxes = {
            name: self.cleaned_data[f"{name}_box"]
            for name in renditions.EDITABLE_CROPS
            if self.cleaned_data.get(f"{name}_box")
        }
        return super().save(commit)
